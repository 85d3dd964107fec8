import type { EnrolmentPolicy } from '@satchel/core';
import { useT } from '../../../i18n/i18n.js';
import { Select } from '../../../ui/index.js';

const POLICIES: readonly EnrolmentPolicy[] = ['open', 'self', 'assigned'];

export function isEnrolmentPolicy(value: string): value is EnrolmentPolicy {
  return (POLICIES as readonly string[]).includes(value);
}

/** Who may take the course: anyone, learners who enrol themselves, or only those assigned to it. */
export function EnrolmentPolicySelect({
  value,
  onValue,
}: {
  readonly value: EnrolmentPolicy;
  readonly onValue: (policy: EnrolmentPolicy) => void;
}) {
  const t = useT();
  const hints = {
    open: t('author.policy.openHint'),
    self: t('author.policy.selfHint'),
    assigned: t('author.policy.assignedHint'),
  } as const;
  return (
    <Select
      label={t('author.course.policy')}
      description={hints[value]}
      value={value}
      onValue={(next) => isEnrolmentPolicy(next) && onValue(next)}
      options={[
        { value: 'open', label: t('author.policy.open') },
        { value: 'self', label: t('author.policy.self') },
        { value: 'assigned', label: t('author.policy.assigned') },
      ]}
    />
  );
}
