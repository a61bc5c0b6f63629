import { Link } from 'react-router';
import { buttonClasses } from '../components/ui/button-styles';
import { PageHeader } from '../components/ui/page-header';
import { useDocumentTitle } from '../lib/use-document-title';

export function NotFoundScreen() {
  useDocumentTitle('Page not found');
  return (
    <>
      <PageHeader title="Page not found" description="There is no page at this address." />
      <Link to="/organizations" className={buttonClasses('primary')}>
        Go to organizations
      </Link>
    </>
  );
}
