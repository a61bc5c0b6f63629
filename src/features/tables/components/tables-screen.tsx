import { PageHeader } from '../../../components/ui/page-header';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { WorkspacePicker } from '../../workspaces/components/workspace-picker';

// Placeholder until the table browser lands (issue 4).
export function TablesScreen() {
  useDocumentTitle('Tables');
  return <PageHeader title="Tables" actions={<WorkspacePicker area="tables" />} />;
}
