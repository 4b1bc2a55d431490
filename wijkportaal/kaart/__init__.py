"""Maps of the wijken: the map page, its frame, the layers and the PNG export."""
