"""The demo shop: a deterministic, idempotent Winkelier with catalogue, customers and history.

Loaded by ``manage.py load_demo_shop``; ``loader.load_demo_shop`` runs the stages in order.
Everything is generated from a fixed seed, and dates are offsets from the day of loading,
so every load has the same structure and the shop always looks current.
"""
