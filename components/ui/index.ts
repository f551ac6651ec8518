// The small accessible UI kit. Server-safe: no hooks that need the client except useId.
export { Button, ButtonAnchor, ButtonLink, type ButtonProps, type ButtonVariant } from "./button";
export { Field, Input, TextareaField, SelectField, type InputFieldProps } from "./field";
export { Card, type CardProps } from "./card";
export { Notice, Alert, type NoticeTone } from "./notice";
export { Badge, type BadgeTone } from "./badge";
export { PageHeader, Stack, Row, EmptyState } from "./layout";
export { FormStatus } from "./form-status";
export { useActionCall, useActionForm, type ClientActionResult } from "./use-action-form";
