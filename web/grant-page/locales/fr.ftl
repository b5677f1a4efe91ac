# PDE — la page d’un lien de partage : ses propres mots (français, la référence).
worker-transparency = Ce que PDE garde
