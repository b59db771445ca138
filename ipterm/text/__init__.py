"""Text handling shared by every stage: reading files, normalising, segmenting, splitting."""
