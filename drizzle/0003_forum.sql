CREATE TABLE `forum_bans` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`course_id` bigint unsigned NOT NULL,
	`user_id` bigint unsigned NOT NULL,
	`banned_by` bigint unsigned NOT NULL,
	`reason` varchar(500) NOT NULL DEFAULT '',
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `forum_bans_id` PRIMARY KEY(`id`),
	CONSTRAINT `forum_bans_uq` UNIQUE(`course_id`,`user_id`)
);
--> statement-breakpoint
CREATE TABLE `forum_edits` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`course_id` bigint unsigned NOT NULL,
	`thread_id` bigint unsigned NOT NULL,
	`post_id` bigint unsigned,
	`editor_id` bigint unsigned NOT NULL,
	`old_title` varchar(300),
	`old_body_md` mediumtext NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `forum_edits_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `forum_follows` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`user_id` bigint unsigned NOT NULL,
	`thread_id` bigint unsigned NOT NULL,
	`course_id` bigint unsigned NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `forum_follows_id` PRIMARY KEY(`id`),
	CONSTRAINT `forum_follows_uq` UNIQUE(`user_id`,`thread_id`)
);
--> statement-breakpoint
CREATE TABLE `forum_mod_log` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`course_id` bigint unsigned NOT NULL,
	`actor_id` bigint unsigned,
	`action` varchar(32) NOT NULL,
	`target_user_id` bigint unsigned,
	`thread_id` bigint unsigned,
	`post_id` bigint unsigned,
	`detail` text,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `forum_mod_log_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `forum_notifications` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`user_id` bigint unsigned NOT NULL,
	`course_id` bigint unsigned NOT NULL,
	`thread_id` bigint unsigned NOT NULL,
	`post_id` bigint unsigned,
	`actor_id` bigint unsigned NOT NULL,
	`actor_anonymity` enum('none','anonymous','peers') NOT NULL DEFAULT 'none',
	`kind` enum('reply_to_my_thread','reply_to_my_post','reply_in_followed','answer_marked','endorsed') NOT NULL,
	`read_at` datetime(3),
	`emailed_at` datetime(3),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `forum_notifications_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `forum_posts` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`thread_id` bigint unsigned NOT NULL,
	`course_id` bigint unsigned NOT NULL,
	`parent_id` bigint unsigned,
	`author_id` bigint unsigned NOT NULL,
	`body_md` mediumtext NOT NULL,
	`body_html` mediumtext NOT NULL,
	`anonymity` enum('none','anonymous','peers') NOT NULL DEFAULT 'none',
	`is_answer` boolean NOT NULL DEFAULT false,
	`endorsed` boolean NOT NULL DEFAULT false,
	`endorsed_by` bigint unsigned,
	`vote_count` int NOT NULL DEFAULT 0,
	`edited_at` datetime(3),
	`deleted_at` datetime(3),
	`deleted_by` bigint unsigned,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `forum_posts_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `forum_reads` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`user_id` bigint unsigned NOT NULL,
	`thread_id` bigint unsigned NOT NULL,
	`course_id` bigint unsigned NOT NULL,
	`seen_seq` int NOT NULL DEFAULT 0,
	`read_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `forum_reads_id` PRIMARY KEY(`id`),
	CONSTRAINT `forum_reads_uq` UNIQUE(`user_id`,`thread_id`)
);
--> statement-breakpoint
CREATE TABLE `forum_reports` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`course_id` bigint unsigned NOT NULL,
	`thread_id` bigint unsigned NOT NULL,
	`post_id` bigint unsigned,
	`post_key` bigint unsigned NOT NULL DEFAULT 0,
	`reporter_id` bigint unsigned NOT NULL,
	`reason` varchar(500) NOT NULL,
	`resolved_at` datetime(3),
	`resolved_by` bigint unsigned,
	`resolution` enum('dismissed','removed'),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `forum_reports_id` PRIMARY KEY(`id`),
	CONSTRAINT `forum_reports_uq` UNIQUE(`reporter_id`,`thread_id`,`post_key`)
);
--> statement-breakpoint
CREATE TABLE `forum_roles` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`course_id` bigint unsigned NOT NULL,
	`user_id` bigint unsigned NOT NULL,
	`role` enum('community_ta') NOT NULL,
	`granted_by` bigint unsigned,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `forum_roles_id` PRIMARY KEY(`id`),
	CONSTRAINT `forum_roles_uq` UNIQUE(`course_id`,`user_id`,`role`)
);
--> statement-breakpoint
CREATE TABLE `forum_threads` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`course_id` bigint unsigned NOT NULL,
	`topic_id` varchar(255) NOT NULL,
	`kind` enum('discussion','question') NOT NULL,
	`title` varchar(300) NOT NULL,
	`body_md` mediumtext NOT NULL,
	`body_html` mediumtext NOT NULL,
	`author_id` bigint unsigned NOT NULL,
	`anonymity` enum('none','anonymous','peers') NOT NULL DEFAULT 'none',
	`pinned` boolean NOT NULL DEFAULT false,
	`closed` boolean NOT NULL DEFAULT false,
	`answered` boolean NOT NULL DEFAULT false,
	`vote_count` int NOT NULL DEFAULT 0,
	`post_count` int NOT NULL DEFAULT 0,
	`post_seq` int NOT NULL DEFAULT 0,
	`last_activity_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`edited_at` datetime(3),
	`deleted_at` datetime(3),
	`deleted_by` bigint unsigned,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `forum_threads_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `forum_votes` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`user_id` bigint unsigned NOT NULL,
	`target_type` enum('thread','post') NOT NULL,
	`target_id` bigint unsigned NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `forum_votes_id` PRIMARY KEY(`id`),
	CONSTRAINT `forum_votes_uq` UNIQUE(`user_id`,`target_type`,`target_id`)
);
--> statement-breakpoint
CREATE INDEX `forum_edits_target_idx` ON `forum_edits` (`thread_id`,`post_id`,`id`);--> statement-breakpoint
CREATE INDEX `forum_follows_thread_idx` ON `forum_follows` (`thread_id`);--> statement-breakpoint
CREATE INDEX `forum_mod_log_course_idx` ON `forum_mod_log` (`course_id`,`id`);--> statement-breakpoint
CREATE INDEX `forum_notifications_user_idx` ON `forum_notifications` (`user_id`,`id`);--> statement-breakpoint
CREATE INDEX `forum_notifications_digest_idx` ON `forum_notifications` (`emailed_at`,`user_id`);--> statement-breakpoint
CREATE INDEX `forum_posts_thread_idx` ON `forum_posts` (`thread_id`,`parent_id`,`id`);--> statement-breakpoint
CREATE INDEX `forum_posts_author_idx` ON `forum_posts` (`author_id`,`course_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `forum_posts_course_idx` ON `forum_posts` (`course_id`,`id`);--> statement-breakpoint
CREATE INDEX `forum_reads_user_course_idx` ON `forum_reads` (`user_id`,`course_id`);--> statement-breakpoint
CREATE INDEX `forum_reports_queue_idx` ON `forum_reports` (`course_id`,`resolved_at`,`id`);--> statement-breakpoint
CREATE INDEX `forum_threads_activity_idx` ON `forum_threads` (`course_id`,`pinned`,`last_activity_at`,`id`);--> statement-breakpoint
CREATE INDEX `forum_threads_votes_idx` ON `forum_threads` (`course_id`,`pinned`,`vote_count`,`id`);--> statement-breakpoint
CREATE INDEX `forum_threads_topic_activity_idx` ON `forum_threads` (`course_id`,`topic_id`,`pinned`,`last_activity_at`,`id`);--> statement-breakpoint
CREATE INDEX `forum_threads_topic_votes_idx` ON `forum_threads` (`course_id`,`topic_id`,`pinned`,`vote_count`,`id`);--> statement-breakpoint
CREATE INDEX `forum_threads_author_idx` ON `forum_threads` (`author_id`,`course_id`,`created_at`);--> statement-breakpoint
ALTER TABLE `forum_threads` ADD FULLTEXT INDEX `forum_threads_ft` (`title`,`body_md`);--> statement-breakpoint
ALTER TABLE `forum_posts` ADD FULLTEXT INDEX `forum_posts_ft` (`body_md`);
