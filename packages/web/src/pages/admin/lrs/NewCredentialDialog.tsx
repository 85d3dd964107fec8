import type { CreatedLrsCredential } from '@satchel/core';
import { useId } from 'preact/hooks';
import { useT } from '../../../i18n/i18n.js';
import { Alert, Button, Dialog } from '../../../ui/index.js';
import { CopyButton } from '../parts/CopyButton.js';

export interface NewCredentialDialogProps {
  readonly credential: CreatedLrsCredential | null;
  readonly endpoint: string;
  readonly onClose: () => void;
}

function SecretRow({ label, value, copyLabel }: { label: string; value: string; copyLabel: string }) {
  const id = useId();
  return (
    <div class="field">
      <label class="field__label" for={id}>
        {label}
      </label>
      <div class="admin-copy-row">
        <input
          id={id}
          class="field__control admin-code"
          dir="ltr"
          readOnly
          value={value}
          onFocus={(event) => event.currentTarget.select()}
        />
        <CopyButton text={value} label={copyLabel} />
      </div>
    </div>
  );
}

/** The new key and secret, shown this once: the server keeps only a hash of the secret. */
export function NewCredentialDialog({ credential, endpoint, onClose }: NewCredentialDialogProps) {
  const t = useT();
  return (
    <Dialog
      open={credential !== null}
      onClose={onClose}
      title={credential ? t('admin.lrs.createdTitle', { name: credential.name }) : ''}
      actions={
        <Button variant="primary" onClick={onClose}>
          {t('admin.lrs.savedIt')}
        </Button>
      }
    >
      {credential && (
        <div class="stack">
          <Alert tone="warning">{t('admin.lrs.onceWarning')}</Alert>
          <SecretRow
            label={t('admin.lrs.endpoint')}
            value={endpoint}
            copyLabel={t('admin.lrs.copyEndpoint')}
          />
          <SecretRow label={t('admin.lrs.key')} value={credential.key} copyLabel={t('admin.lrs.copyKey')} />
          <SecretRow
            label={t('admin.lrs.secret')}
            value={credential.secret}
            copyLabel={t('admin.lrs.copySecret')}
          />
          <p class="admin-muted">{t('admin.lrs.basicHint')}</p>
        </div>
      )}
    </Dialog>
  );
}
