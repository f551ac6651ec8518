ALTER TABLE `course_blocks` ADD `content_hash` char(64);--> statement-breakpoint
ALTER TABLE `course_versions` ADD `edit_seq` int DEFAULT 0 NOT NULL;