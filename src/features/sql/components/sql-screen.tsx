import { PageHeader } from '../../../components/ui/page-header';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { WorkspacePicker } from '../../workspaces/components/workspace-picker';

// Placeholder until the SQL playground lands (issue 5).
export function SqlScreen() {
  useDocumentTitle('SQL');
  return <PageHeader title="SQL" actions={<WorkspacePicker area="sql" />} />;
}
