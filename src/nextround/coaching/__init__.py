"""Coaching on a shared server: accounts with roles, and invitations to join."""
