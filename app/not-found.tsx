import { StatusPage } from '@/components/status-page';
import { messages } from '@/lib/i18n/messages';

export default function NotFound() {
  return <StatusPage code="404" title={messages.errors.notFoundTitle} body={messages.errors.notFoundBody} />;
}
