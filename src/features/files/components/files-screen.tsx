import { PageHeader } from '../../../components/ui/page-header';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { WorkspacePicker } from '../../workspaces/components/workspace-picker';

// Placeholder until the gallery lands (issue 6).
export function FilesScreen() {
  useDocumentTitle('Files');
  return <PageHeader title="Files" actions={<WorkspacePicker area="files" />} />;
}
