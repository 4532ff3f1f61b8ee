"""``python -m bench`` (or ``make bench``): the benchmark harness of issue 6, ``bench.run``.

Extraction speed on the real articles (the first benchmark of the project) is its first section;
``--no-extraction`` skips it. See ``python -m bench --help``.
"""

from bench.run import main

if __name__ == "__main__":
    main()
