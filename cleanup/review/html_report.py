def html_report(review_set, title="asr-cleanup review"):
    raise NotImplementedError
