model m
holdout 100% salt "2026-q4"
