"""The abnormally-low-price procedure (条例第五十一条（五）; 评标规定第二十一条): check, clarification, decision.

After the opening the committee (its chair) or staff run the published trigger over the
opened price forms; for a flagged bid a written clarification request goes to that
bidder with a deadline; the bidder answers with text and evidence files before the
deadline; the chair records the committee's decision, which the evaluation report reads.
"""
