"""Platform services (开放平台): grants, tokens, fingerprinted copies, restrictions, use reports, downloads."""
