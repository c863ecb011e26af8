"""Named entities: the trained NER tagger, its features, training and evaluation."""
