"""`make bench`: run every benchmark; each prints ratios against its named peer."""
import runpy
import sys

SUITES = ["benchmarks.similarity", "benchmarks.retrieval", "benchmarks.reader", "benchmarks.preparation",
          "benchmarks.sealing", "benchmarks.extraction", "benchmarks.rush", "benchmarks.checks",
          "benchmarks.commitments", "benchmarks.findings", "benchmarks.contracts", "benchmarks.autosave",
          "benchmarks.report"]

if __name__ == "__main__":
    for suite in SUITES:
        print(f"== {suite}", flush=True)
        sys.argv = [suite, *sys.argv[1:]]
        runpy.run_module(suite, run_name="__main__")
