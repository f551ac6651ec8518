CREATE TABLE `course_roles` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`user_id` bigint unsigned NOT NULL,
	`course_id` bigint unsigned NOT NULL,
	`role` enum('staff','instructor') NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `course_roles_id` PRIMARY KEY(`id`),
	CONSTRAINT `course_roles_uq` UNIQUE(`user_id`,`course_id`,`role`)
);
--> statement-breakpoint
CREATE TABLE `login_attempts` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`identifier` varchar(254) NOT NULL,
	`user_id` bigint unsigned,
	`ip` varchar(64) NOT NULL,
	`succeeded` boolean NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `login_attempts_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `password_reset_tokens` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`user_id` bigint unsigned NOT NULL,
	`token_hash` char(64) NOT NULL,
	`expires_at` datetime(3) NOT NULL,
	`used_at` datetime(3),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `password_reset_tokens_id` PRIMARY KEY(`id`),
	CONSTRAINT `password_reset_tokens_hash_uq` UNIQUE(`token_hash`)
);
--> statement-breakpoint
CREATE TABLE `users` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`email` varchar(254) NOT NULL,
	`email_normalized` varchar(254) NOT NULL,
	`username` varchar(30) NOT NULL,
	`username_normalized` varchar(30) NOT NULL,
	`full_name` varchar(255) NOT NULL,
	`password_hash` varchar(100) NOT NULL,
	`is_active` boolean NOT NULL DEFAULT true,
	`is_admin` boolean NOT NULL DEFAULT false,
	`can_create_courses` boolean NOT NULL DEFAULT false,
	`session_version` int NOT NULL DEFAULT 1,
	`last_login_at` datetime(3),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `users_id` PRIMARY KEY(`id`),
	CONSTRAINT `users_email_uq` UNIQUE(`email_normalized`),
	CONSTRAINT `users_username_uq` UNIQUE(`username_normalized`)
);
--> statement-breakpoint
CREATE TABLE `course_assets` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`version_id` bigint unsigned NOT NULL,
	`path` varchar(512) NOT NULL,
	`hash` char(64) NOT NULL,
	`content_type` varchar(128) NOT NULL,
	`size` bigint unsigned NOT NULL,
	`locked` boolean NOT NULL DEFAULT false,
	CONSTRAINT `course_assets_id` PRIMARY KEY(`id`),
	CONSTRAINT `course_assets_version_path_uq` UNIQUE(`version_id`,`path`)
);
--> statement-breakpoint
CREATE TABLE `course_blocks` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`version_id` bigint unsigned NOT NULL,
	`usage_key` varchar(512) NOT NULL,
	`block_type` varchar(64) NOT NULL,
	`url_name` varchar(255) NOT NULL,
	`parent_usage_key` varchar(512),
	`position` int NOT NULL DEFAULT 0,
	`depth` int NOT NULL DEFAULT 0,
	`display_name` varchar(512),
	`settings` json NOT NULL,
	`fields` json NOT NULL,
	`definition_hash` char(64),
	`unsupported_reason` varchar(512),
	`is_draft` boolean NOT NULL DEFAULT false,
	CONSTRAINT `course_blocks_id` PRIMARY KEY(`id`),
	CONSTRAINT `course_blocks_version_usage_uq` UNIQUE(`version_id`,`usage_key`)
);
--> statement-breakpoint
CREATE TABLE `course_documents` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`version_id` bigint unsigned NOT NULL,
	`path` varchar(512) NOT NULL,
	`kind` varchar(32) NOT NULL,
	`hash` char(64) NOT NULL,
	`size` bigint unsigned NOT NULL,
	CONSTRAINT `course_documents_id` PRIMARY KEY(`id`),
	CONSTRAINT `course_documents_version_path_uq` UNIQUE(`version_id`,`path`)
);
--> statement-breakpoint
CREATE TABLE `course_versions` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`course_id` bigint unsigned NOT NULL,
	`parent_id` bigint unsigned,
	`author_id` bigint unsigned,
	`source` enum('import','edit','rerun') NOT NULL,
	`root_usage_key` varchar(512) NOT NULL,
	`grading_policy` json,
	`meta` json,
	`block_count` int NOT NULL DEFAULT 0,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `course_versions_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `courses` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`course_key` varchar(255) NOT NULL,
	`org` varchar(64) NOT NULL,
	`number` varchar(64) NOT NULL,
	`run` varchar(64) NOT NULL,
	`display_name` varchar(255) NOT NULL,
	`short_description` text,
	`course_image` varchar(512),
	`effort` varchar(64),
	`start` datetime(3),
	`end` datetime(3),
	`enrollment_start` datetime(3),
	`enrollment_end` datetime(3),
	`catalog_visibility` varchar(16) NOT NULL DEFAULT 'both',
	`invitation_only` boolean NOT NULL DEFAULT false,
	`self_paced` boolean NOT NULL DEFAULT false,
	`published_version_id` bigint unsigned,
	`draft_version_id` bigint unsigned,
	`created_by` bigint unsigned,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `courses_id` PRIMARY KEY(`id`),
	CONSTRAINT `courses_key_uq` UNIQUE(`course_key`)
);
--> statement-breakpoint
CREATE TABLE `jobs` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`kind` varchar(32) NOT NULL,
	`status` enum('queued','running','succeeded','failed') NOT NULL DEFAULT 'queued',
	`course_key` varchar(255),
	`payload` json,
	`progress` json,
	`result` json,
	`error` text,
	`created_by` bigint unsigned,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`started_at` datetime(3),
	`heartbeat_at` datetime(3),
	`finished_at` datetime(3),
	CONSTRAINT `jobs_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `bookmarks` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`user_id` bigint unsigned NOT NULL,
	`course_id` bigint unsigned NOT NULL,
	`usage_key` varchar(512) NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `bookmarks_id` PRIMARY KEY(`id`),
	CONSTRAINT `bookmarks_uq` UNIQUE(`user_id`,`course_id`,`usage_key`)
);
--> statement-breakpoint
CREATE TABLE `completions` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`user_id` bigint unsigned NOT NULL,
	`course_id` bigint unsigned NOT NULL,
	`usage_key` varchar(512) NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `completions_id` PRIMARY KEY(`id`),
	CONSTRAINT `completions_uq` UNIQUE(`user_id`,`course_id`,`usage_key`)
);
--> statement-breakpoint
CREATE TABLE `course_grades` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`user_id` bigint unsigned NOT NULL,
	`course_id` bigint unsigned NOT NULL,
	`percent` double NOT NULL,
	`letter_grade` varchar(64),
	`passed` boolean NOT NULL DEFAULT false,
	`version_id` bigint unsigned,
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `course_grades_id` PRIMARY KEY(`id`),
	CONSTRAINT `course_grades_uq` UNIQUE(`user_id`,`course_id`)
);
--> statement-breakpoint
CREATE TABLE `course_invitations` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`course_id` bigint unsigned NOT NULL,
	`email_normalized` varchar(254) NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `course_invitations_id` PRIMARY KEY(`id`),
	CONSTRAINT `course_invitations_uq` UNIQUE(`course_id`,`email_normalized`)
);
--> statement-breakpoint
CREATE TABLE `enrollment_history` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`user_id` bigint unsigned NOT NULL,
	`course_id` bigint unsigned NOT NULL,
	`action` enum('enroll','unenroll') NOT NULL,
	`actor_id` bigint unsigned,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `enrollment_history_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `enrollments` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`user_id` bigint unsigned NOT NULL,
	`course_id` bigint unsigned NOT NULL,
	`is_active` boolean NOT NULL DEFAULT true,
	`mode` varchar(32) NOT NULL DEFAULT 'audit',
	`last_unit_key` varchar(512),
	`last_visited_at` datetime(3),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `enrollments_id` PRIMARY KEY(`id`),
	CONSTRAINT `enrollments_user_course_uq` UNIQUE(`user_id`,`course_id`)
);
--> statement-breakpoint
CREATE TABLE `problem_states` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`user_id` bigint unsigned NOT NULL,
	`course_id` bigint unsigned NOT NULL,
	`usage_key` varchar(512) NOT NULL,
	`answers` json,
	`correctness` json,
	`attempts` int NOT NULL DEFAULT 0,
	`seed` int NOT NULL,
	`earned` double,
	`possible` double,
	`done` boolean NOT NULL DEFAULT false,
	`last_submitted_at` datetime(3),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `problem_states_id` PRIMARY KEY(`id`),
	CONSTRAINT `problem_states_uq` UNIQUE(`user_id`,`course_id`,`usage_key`)
);
--> statement-breakpoint
CREATE TABLE `submissions` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`user_id` bigint unsigned NOT NULL,
	`course_id` bigint unsigned NOT NULL,
	`usage_key` varchar(512) NOT NULL,
	`answers` json NOT NULL,
	`correctness` json,
	`earned` double,
	`possible` double,
	`attempt` int NOT NULL,
	`kind` enum('submit','reset','rescore') NOT NULL DEFAULT 'submit',
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `submissions_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `subsection_grades` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`user_id` bigint unsigned NOT NULL,
	`course_id` bigint unsigned NOT NULL,
	`usage_key` varchar(512) NOT NULL,
	`assignment_type` varchar(128),
	`graded` boolean NOT NULL DEFAULT false,
	`earned` double NOT NULL,
	`possible` double NOT NULL,
	`version_id` bigint unsigned,
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `subsection_grades_id` PRIMARY KEY(`id`),
	CONSTRAINT `subsection_grades_uq` UNIQUE(`user_id`,`course_id`,`usage_key`)
);
--> statement-breakpoint
CREATE INDEX `course_roles_course_idx` ON `course_roles` (`course_id`);--> statement-breakpoint
CREATE INDEX `login_attempts_ident_idx` ON `login_attempts` (`identifier`,`created_at`);--> statement-breakpoint
CREATE INDEX `login_attempts_ip_idx` ON `login_attempts` (`ip`,`created_at`);--> statement-breakpoint
CREATE INDEX `password_reset_tokens_user_idx` ON `password_reset_tokens` (`user_id`);--> statement-breakpoint
CREATE INDEX `course_blocks_parent_idx` ON `course_blocks` (`version_id`,`parent_usage_key`);--> statement-breakpoint
CREATE INDEX `course_blocks_type_idx` ON `course_blocks` (`version_id`,`block_type`);--> statement-breakpoint
CREATE INDEX `course_versions_course_idx` ON `course_versions` (`course_id`);--> statement-breakpoint
CREATE INDEX `courses_org_idx` ON `courses` (`org`);--> statement-breakpoint
CREATE INDEX `jobs_status_idx` ON `jobs` (`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `jobs_course_idx` ON `jobs` (`course_key`);--> statement-breakpoint
CREATE INDEX `enrollment_history_user_course_idx` ON `enrollment_history` (`user_id`,`course_id`);--> statement-breakpoint
CREATE INDEX `enrollments_course_idx` ON `enrollments` (`course_id`);--> statement-breakpoint
CREATE INDEX `problem_states_course_block_idx` ON `problem_states` (`course_id`,`usage_key`);--> statement-breakpoint
CREATE INDEX `submissions_user_block_idx` ON `submissions` (`user_id`,`course_id`,`usage_key`);