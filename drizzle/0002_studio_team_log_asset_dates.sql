CREATE TABLE `course_team_log` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`course_id` bigint unsigned NOT NULL,
	`actor_id` bigint unsigned,
	`target_user_id` bigint unsigned NOT NULL,
	`action` enum('add','change','remove') NOT NULL,
	`old_role` enum('staff','instructor'),
	`new_role` enum('staff','instructor'),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `course_team_log_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
ALTER TABLE `course_assets` ADD `added_at` datetime(3) DEFAULT CURRENT_TIMESTAMP(3) NOT NULL;--> statement-breakpoint
CREATE INDEX `course_team_log_course_idx` ON `course_team_log` (`course_id`,`id`);--> statement-breakpoint
CREATE INDEX `course_assets_version_size_idx` ON `course_assets` (`version_id`,`size`);--> statement-breakpoint
CREATE INDEX `course_assets_version_type_idx` ON `course_assets` (`version_id`,`content_type`);--> statement-breakpoint
CREATE INDEX `course_assets_version_added_idx` ON `course_assets` (`version_id`,`added_at`);