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
CREATE TABLE `learner_content_choices` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`user_id` bigint unsigned NOT NULL,
	`course_id` bigint unsigned NOT NULL,
	`choice_key` varchar(600) NOT NULL,
	`value` json NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `learner_content_choices_id` PRIMARY KEY(`id`),
	CONSTRAINT `learner_content_choices_uq` UNIQUE(`user_id`,`course_id`,`choice_key`)
);
--> statement-breakpoint
ALTER TABLE `course_blocks` ADD `content_hash` char(64);--> statement-breakpoint
ALTER TABLE `course_blocks` ADD `published_hash` char(64);--> statement-breakpoint
ALTER TABLE `course_versions` ADD `edit_seq` int DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `user_sessions_user_idx` ON `user_sessions` (`user_id`);