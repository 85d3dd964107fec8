import { useEffect, useState } from 'preact/hooks';
import type { LibraryItem, LibraryItemDetail } from '@satchel/core';
import { useApi, useUser } from '../../../app/context.js';
import { paths } from '../../../app/paths.js';
import { Loaded } from '../../../app/Loaded.js';
import { useResource } from '../../../app/use-resource.js';
import { useI18n } from '../../../i18n/i18n.js';
import { navigate } from '../../../router/history.js';
import type { PageProps } from '../../../router/Router.js';
import { Button, Card, EmptyState, PageHeading, showToast, useAsyncAction } from '../../../ui/index.js';
import { authorApi } from '../author-api.js';
import { authorErrorMessage } from '../author-errors.js';
import '../author.css';
import { focusById } from '../field-ids.js';
import { ConfirmDialog } from '../../../ui/index.js';
import { LibraryFiltersForm } from './LibraryFiltersForm.js';
import {
  filtersFromQuery,
  filtersToSearch,
  libraryListQuery,
  pageCount,
  type LibraryFilters,
} from './library-filters.js';
import { LibraryItemCard } from './LibraryItemCard.js';
import { LibraryItemEditor } from './LibraryItemEditor.js';
import { StorageUse } from './StorageUse.js';
import { UploadForm } from './UploadForm.js';

const RESULTS_HEADING = 'library-results';
const UPLOAD_TOGGLE = 'library-upload-toggle';

/** The content library: find, upload, describe, caption and delete the files courses are made of. */
export default function LibraryPage({ query }: PageProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const api = useApi();
  const user = useUser();
  const filters = filtersFromQuery(query);
  const search = filtersToSearch(filters);
  const list = useResource(
    (signal) => authorApi.library(api, libraryListQuery(filters), signal),
    [api, search],
  );
  const [uploadOpen, setUploadOpen] = useState(false);
  const [editingId, setEditingId] = useState<string | null>(null);
  const [changed, setChanged] = useState<Readonly<Record<string, LibraryItem>>>({});
  const [removed, setRemoved] = useState<ReadonlySet<string>>(new Set());
  const [deleting, setDeleting] = useState<LibraryItem | null>(null);
  const [storageRevision, setStorageRevision] = useState(0);

  useEffect(() => {
    setChanged({});
    setRemoved(new Set());
  }, [list.status === 'ready' ? list.data : null]);

  const applyFilters = (next: LibraryFilters) => navigate(`${paths.authorLibrary}${filtersToSearch(next)}`);

  const uploaded = (item: LibraryItemDetail) => {
    setUploadOpen(false);
    showToast(t('author.library.uploaded', { title: item.title }), 'success');
    setStorageRevision((revision) => revision + 1);
    if (filters.page !== 1) applyFilters({ ...filters, page: 1 });
    else list.reload();
    focusById(RESULTS_HEADING);
  };

  const remove = useAsyncAction(async () => {
    if (!deleting) return;
    await authorApi.deleteItem(api, deleting.id);
    setRemoved((current) => new Set([...current, deleting.id]));
    showToast(t('author.library.deleted', { title: deleting.title }), 'success');
    setDeleting(null);
    setStorageRevision((revision) => revision + 1);
    focusById(RESULTS_HEADING);
  });

  const items =
    list.status === 'ready'
      ? list.data.items.filter((item) => !removed.has(item.id)).map((item) => changed[item.id] ?? item)
      : [];
  const total = list.status === 'ready' ? list.data.total - removed.size : 0;
  const pages = pageCount(total);

  return (
    <div class="page stack author-page">
      <PageHeading>{t('author.library.heading')}</PageHeading>
      <p>{t('author.library.intro')}</p>
      {user.roles.includes('admin') && <StorageUse revision={storageRevision} />}

      <section class="stack" aria-labelledby="library-upload">
        <h2 id="library-upload" class="sr-only">
          {t('author.library.uploadTitle')}
        </h2>
        <Button
          id={UPLOAD_TOGGLE}
          variant={uploadOpen ? 'secondary' : 'primary'}
          aria-expanded={uploadOpen ? 'true' : 'false'}
          onClick={() => setUploadOpen(!uploadOpen)}
        >
          {t('author.library.uploadOpen')}
        </Button>
        {uploadOpen && (
          <Card>
            <UploadForm
              onUploaded={uploaded}
              onCancel={() => {
                setUploadOpen(false);
                focusById(UPLOAD_TOGGLE);
              }}
            />
          </Card>
        )}
      </section>

      <LibraryFiltersForm filters={filters} onApply={applyFilters} />

      <section class="stack" aria-labelledby={RESULTS_HEADING}>
        <h2 id={RESULTS_HEADING} tabIndex={-1}>
          {list.status === 'ready' ? t('author.library.count', { count: total }) : t('author.library.items')}
        </h2>
        <Loaded
          resource={list}
          block
          errorMessage={(error) => authorErrorMessage(i18n, error)}
          isEmpty={() => items.length === 0}
          empty={<EmptyState title={t('author.library.empty')} description={t('author.library.emptyHelp')} />}
        >
          {() => (
            <ul class="author-list">
              {items.map((item) => (
                <LibraryItemCard
                  key={item.id}
                  item={item}
                  editing={editingId === item.id}
                  onEdit={() => setEditingId(editingId === item.id ? null : item.id)}
                  onDelete={() => setDeleting(item)}
                >
                  {editingId === item.id && (
                    <LibraryItemEditor
                      item={item}
                      onSaved={(saved) => setChanged((current) => ({ ...current, [saved.id]: saved }))}
                      onClose={() => {
                        setEditingId(null);
                        focusById(`library-item-${item.id}`);
                      }}
                    />
                  )}
                </LibraryItemCard>
              ))}
            </ul>
          )}
        </Loaded>
        {list.status === 'ready' && pages > 1 && (
          <nav class="author-pager" aria-label={t('author.pager.label')}>
            <Button
              aria-disabled={filters.page <= 1 ? 'true' : undefined}
              onClick={() => filters.page > 1 && applyFilters({ ...filters, page: filters.page - 1 })}
            >
              {t('author.pager.previous')}
            </Button>
            <span>{t('author.pager.position', { page: filters.page, pages })}</span>
            <Button
              aria-disabled={filters.page >= pages ? 'true' : undefined}
              onClick={() => filters.page < pages && applyFilters({ ...filters, page: filters.page + 1 })}
            >
              {t('author.pager.next')}
            </Button>
          </nav>
        )}
      </section>

      <ConfirmDialog
        open={deleting !== null}
        title={t('author.library.deleteTitle')}
        confirmLabel={t('author.library.deleteConfirm')}
        danger
        errorMessage={(error) => authorErrorMessage(i18n, error)}
        action={remove}
        onCancel={() => {
          setDeleting(null);
        }}
      >
        <p>{t('author.library.deleteBody', { title: deleting?.title ?? '' })}</p>
      </ConfirmDialog>
    </div>
  );
}
