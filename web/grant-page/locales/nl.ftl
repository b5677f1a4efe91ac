# PDE — the grant link page: its own words.
worker-transparency = Wat PDE bewaart
