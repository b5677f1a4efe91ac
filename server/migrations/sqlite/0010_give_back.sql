-- Opening a hidden part starts with an everyday login that fails (the app can't know which part
-- a secret opens). A hidden login started with that everyday login's id carries its attempt here,
-- and gives it back (one failure less on the everyday counter, one unit back to the global
-- budget) once the hidden secret is verified.
ALTER TABLE login_states ADD COLUMN give_back_key BLOB;
ALTER TABLE login_states ADD COLUMN give_back_bucket INTEGER;
