"""What every feature uses and nothing feature-specific: the request's transaction rule, role groups,
load-and-authorize, view helpers, shared form fields, money and count input, audit log, clock, jobs."""
