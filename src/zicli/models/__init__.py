"""Pydantic models: criteria packs and answer files (strict, frozen)."""
