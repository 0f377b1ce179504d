"""policykg.viz"""
