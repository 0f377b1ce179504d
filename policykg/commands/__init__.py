"""One module a CLI command; see policykg.cli."""
