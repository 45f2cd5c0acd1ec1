"""The retrieval benchmark's core on a tiny SQLite store: corpus, planting, ingest, ranking, peer.

No wall-time assertions: only the ground-truth bookkeeping and that a planted copy ranks first.
"""

import sqlalchemy as sa

from benchmarks.retrieval.corpus import make_query, stored_bid, stored_corpus
from benchmarks.retrieval.peer_lsh import Peer
from benchmarks.retrieval.store_bench import bulk_load, create_tables, ingest, retrieve, run_queries, size_bytes
from benchmarks.similarity.textgen import render
from scoring.similarity import prepare


def test_planted_copy_is_recorded_and_ranked_first(tmp_path):
    names, docs = stored_corpus(12, 4, 1500)
    assert [d.doc_id for d in docs] == list(range(1, 13))
    assert [d.company_id for d in docs[:5]] == [1, 2, 3, 4, 1]
    query = make_query(0, 6000, [3], 1500, names, copies=(1, 1), share=(0.3, 0.3))
    assert list(query.planted) == [3] and 0.3 <= query.planted[3] < 0.6
    source = render(stored_bid(3, 1500, names))
    copied = [line for line in query.text.split("\n") if len(line) > 40 and line in source]
    assert copied, "some pasted paragraph survives verbatim"

    path = tmp_path / "store.db"
    engine = sa.create_engine(f"sqlite:///{path}")
    try:
        create_tables(engine)
        bulk = bulk_load(engine, names, docs[:8])
        assert bulk["rows"] == sum(d.fp_hash.shape[0] for d in docs[:8])
        stats = ingest(engine, docs[8:], batch=3)
        assert stats["docs"] == 4 and stats["rows"] == sum(d.fp_hash.shape[0] for d in docs[8:])
        with engine.connect() as conn:
            assert conn.execute(sa.text("SELECT COUNT(*) FROM sim_fingerprints")).scalar_one() == sum(
                d.fp_hash.shape[0] for d in docs)
            assert conn.execute(sa.text("SELECT COUNT(*) FROM sim_documents")).scalar_one() == 12
            fp_hash = prepare(query.text).fp_hash
            for filtered in (False, True):
                found, n, _ = retrieve(conn, fp_hash, filtered, limit=5)
                assert found[0] == 3 and n > 0
        timing = run_queries(engine, [query], [fp_hash], filtered=True, limit=5)
        assert timing.ranks == [1] and timing.recall == 1.0 and len(timing.seconds) == 1
        assert size_bytes(engine, path)["db_bytes"] > 0
    finally:
        engine.dispose()

    peer = Peer(docs, ensemble_threshold=0.05)
    found, returned = peer.query_ensemble(fp_hash, common=set())
    assert found[0] == 3 and returned >= 1
