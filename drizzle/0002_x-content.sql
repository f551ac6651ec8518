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
