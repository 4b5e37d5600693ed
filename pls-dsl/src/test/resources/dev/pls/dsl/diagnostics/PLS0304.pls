model m
category intent {
  score >= 50 : +10 "Already warm"
}
