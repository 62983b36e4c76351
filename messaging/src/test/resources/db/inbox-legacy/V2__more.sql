ALTER TABLE notifications ADD COLUMN kind TEXT;
