"""Expertise en voorzieningen: who offers which support where, and where the wijken have gaps."""
