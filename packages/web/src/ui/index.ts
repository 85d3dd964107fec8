// The design system: import components from here. Styles live in styles.css (one sheet for the app).
export { Button, LinkButton, type ButtonProps, type ButtonVariant, type LinkButtonProps } from './Button.js';
export {
  TextField,
  TextArea,
  Select,
  Checkbox,
  type TextFieldProps,
  type TextAreaProps,
  type SelectProps,
  type SelectOption,
  type CheckboxProps,
} from './fields.js';
export { Form, FormActions, useAsyncAction, type FormProps, type AsyncAction } from './Form.js';
export { ProgressBar, Spinner, Alert, EmptyState, type AlertTone } from './feedback.js';
export { Card, Table, SkipLink, PageHeading, MAIN_ID } from './layout-parts.js';
export { Tabs, type TabItem } from './Tabs.js';
export { Dialog } from './Dialog.js';
export { Toaster, showToast, dismissToast, type ToastTone } from './toast.js';
export { cx } from './cx.js';
export { FileField, type FileFieldProps } from './FileField.js';
export { ConfirmDialog } from './ConfirmDialog.js';
