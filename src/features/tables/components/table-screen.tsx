import { useParams } from 'react-router';
import { PageHeader } from '../../../components/ui/page-header';
import { useDocumentTitle } from '../../../lib/use-document-title';

// Placeholder until the table browser lands (issue 4).
export function TableScreen() {
  const { tableName = '' } = useParams();
  useDocumentTitle(tableName);
  return <PageHeader title={tableName} />;
}
