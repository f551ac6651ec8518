CREATE TABLE `user_sessions` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`user_id` bigint unsigned NOT NULL,
	`sid` varchar(64) NOT NULL,
	`expires_at` datetime(3) NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `user_sessions_id` PRIMARY KEY(`id`),
	CONSTRAINT `user_sessions_sid_uq` UNIQUE(`sid`)
);
--> statement-breakpoint
ALTER TABLE `course_blocks` ADD `content_hash` char(64);--> statement-breakpoint
ALTER TABLE `course_blocks` ADD `published_hash` char(64);--> statement-breakpoint
ALTER TABLE `course_versions` ADD `edit_seq` int DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `user_sessions_user_idx` ON `user_sessions` (`user_id`);