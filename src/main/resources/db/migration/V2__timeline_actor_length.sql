-- Actors (who captured an inquiry, who wrote a note) may be up to 200 characters, as the API allows.
alter table lh_timeline alter column actor set data type varchar(200);
