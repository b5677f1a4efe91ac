# PDE — the grant link page: its own words.
worker-transparency = ما يحفظه PDE
