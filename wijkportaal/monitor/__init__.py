"""Geen Kind de Buurt Uit monitor: referrals to SBO and SO per wijk against the targets, and the vrijval."""
