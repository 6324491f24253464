"""zi: scorer for Indonesia's Zona Integritas self-assessment (LKE WBK/WBBM)."""

__version__ = "0.1.0"
