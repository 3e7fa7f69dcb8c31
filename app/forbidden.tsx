import { StatusPage } from '@/components/status-page';
import { messages } from '@/lib/i18n/messages';

export default function Forbidden() {
  return <StatusPage code="403" title={messages.errors.forbiddenTitle} body={messages.errors.forbiddenBody} />;
}
