# PDE — the grant link page: its own words.
worker-transparency = What PDE keeps
