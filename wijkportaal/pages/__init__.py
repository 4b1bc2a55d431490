"""Pages that compose several features: the start page, the wijk pages, the SWV charts."""
