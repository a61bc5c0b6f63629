import clsx from 'clsx';
import { ChevronDown, Code, Download, Terminal } from 'lucide-react';
import { DropdownMenu } from 'radix-ui';
import { useId, type ReactNode } from 'react';
import { toast } from 'sonner';
import { buttonClasses } from '../../../components/ui/button-styles';
import { getApiBaseUrl } from '../../../lib/sign-in-state';
import { exportFileName, toV3Json, v3JsonProblem, type ExportableResult } from '../lib/export';
import { toHubPathQuery } from '../lib/hub-paths';
import {
  absoluteApiUrl,
  curlSnippet,
  pythonSnippet,
  queryEndpointRequest,
  v3QueryRequest,
  type ApiRequest,
} from '../lib/request-snippets';

/** Where the statement ran: requests are only offered when known. */
export interface RequestTarget {
  orgId: string;
  workspaceId: string;
}

const itemClasses = clsx(
  'flex cursor-default items-center gap-2 rounded px-2 py-1.5 text-sm outline-none select-none',
  'data-[highlighted]:bg-raised data-[disabled]:opacity-60',
);
const labelClasses = 'px-2 pt-1.5 pb-1 text-xs font-medium text-muted';
const noteClasses = 'max-w-72 px-2 pb-1 text-xs text-muted';

function Item({
  icon,
  children,
  onSelect,
  disabled = false,
  describedBy,
}: {
  icon: ReactNode;
  children: ReactNode;
  onSelect: () => void;
  disabled?: boolean;
  describedBy?: string | undefined;
}) {
  return (
    <DropdownMenu.Item
      className={itemClasses}
      onSelect={onSelect}
      disabled={disabled}
      aria-describedby={describedBy}
    >
      {icon}
      {children}
    </DropdownMenu.Item>
  );
}

function copy(text: string, what: string) {
  void navigator.clipboard.writeText(text).then(
    () =>
      toast.success(`Copied the ${what}`, {
        description: 'It reads your token from $DEEPLAKE_API_TOKEN (see API tokens).',
      }),
    () => toast.error('The browser did not allow copying to the clipboard.'),
  );
}

/** The API's absolute address, from the same setting the API client reads, at the moment of use. */
const apiUrl = () => absoluteApiUrl(getApiBaseUrl(), window.location.href);

/**
 * The result panel's further exports: the result as Deeplake's query API (v3) answers it, and
 * the statement as a ready request (curl or Python) to the query endpoint or to the v3 API.
 */
export function ResultExportMenu({
  result,
  query,
  params,
  target,
  download,
}: {
  /** The rows to export; null when the statement gave no columns (a write). */
  result: ExportableResult | null;
  /** The statement as it was sent. */
  query: string;
  /** Its `$n` parameters as sent. */
  params: readonly unknown[];
  target?: RequestTarget | undefined;
  download: (text: string, type: string, name: string) => void;
}) {
  const ids = useId();
  const jsonProblem = result ? v3JsonProblem(result.columns) : null;
  const hub = target ? toHubPathQuery(query, target.orgId, target.workspaceId) : null;
  const v3Problem =
    params.length > 0
      ? `The v3 API takes no $n parameters, and this statement was sent with ${params.length} ${params.length === 1 ? 'parameter' : 'parameters'}. Write the values into the SQL to use it there.`
      : hub && 'problem' in hub
        ? hub.problem
        : null;

  const exportV3 = (asList: boolean) => {
    if (!result) return;
    const text = toV3Json(result, asList);
    if (text === null) {
      toast.error(jsonProblem ?? 'The result cannot be written as v3 JSON.');
      return;
    }
    download(text, 'application/json', exportFileName(asList ? 'v3.json' : 'v3-columns.json'));
  };
  const endpointRequest = (): ApiRequest | null =>
    target ? queryEndpointRequest({ apiUrl: apiUrl(), ...target, query, params }) : null;
  const v3Request = (): ApiRequest | null =>
    hub && 'query' in hub
      ? v3QueryRequest({ apiUrl: apiUrl(), query: hub.query, asList: true })
      : null;
  const copyRequest = (make: () => ApiRequest | null, as: 'curl' | 'python', what: string) => {
    const request = make();
    if (request) copy(as === 'curl' ? curlSnippet(request) : pythonSnippet(request), what);
  };

  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger
        aria-label="More exports and requests"
        className={buttonClasses('secondary', 'sm')}
      >
        More
        <ChevronDown aria-hidden className="size-4" />
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content
          align="end"
          sideOffset={4}
          className="z-50 min-w-64 rounded-md border border-border bg-surface p-1 text-fg shadow-lg"
        >
          {result && (
            <DropdownMenu.Group aria-labelledby={`${ids}-json`}>
              <DropdownMenu.Label id={`${ids}-json`} className={labelClasses}>
                Deeplake query API (v3) JSON
              </DropdownMenu.Label>
              <Item
                icon={<Download aria-hidden className="size-4" />}
                onSelect={() => exportV3(true)}
                disabled={jsonProblem !== null}
                describedBy={jsonProblem ? `${ids}-json-problem` : undefined}
              >
                Export v3 JSON, one object per row
              </Item>
              <Item
                icon={<Download aria-hidden className="size-4" />}
                onSelect={() => exportV3(false)}
                disabled={jsonProblem !== null}
                describedBy={jsonProblem ? `${ids}-json-problem` : undefined}
              >
                Export v3 JSON, one array per column
              </Item>
              {jsonProblem && (
                <p id={`${ids}-json-problem`} className={noteClasses}>
                  {jsonProblem}
                </p>
              )}
            </DropdownMenu.Group>
          )}
          {target && (
            <>
              {result && <DropdownMenu.Separator className="my-1 h-px bg-border" />}
              <DropdownMenu.Group aria-labelledby={`${ids}-query`}>
                <DropdownMenu.Label id={`${ids}-query`} className={labelClasses}>
                  Request to the query endpoint
                </DropdownMenu.Label>
                <Item
                  icon={<Terminal aria-hidden className="size-4" />}
                  onSelect={() => copyRequest(endpointRequest, 'curl', 'curl request')}
                >
                  Copy curl request
                </Item>
                <Item
                  icon={<Code aria-hidden className="size-4" />}
                  onSelect={() => copyRequest(endpointRequest, 'python', 'Python request')}
                >
                  Copy Python request
                </Item>
              </DropdownMenu.Group>
              <DropdownMenu.Separator className="my-1 h-px bg-border" />
              <DropdownMenu.Group aria-labelledby={`${ids}-v3`}>
                <DropdownMenu.Label id={`${ids}-v3`} className={labelClasses}>
                  Request to the v3 query API (tables as hub paths)
                </DropdownMenu.Label>
                <Item
                  icon={<Terminal aria-hidden className="size-4" />}
                  onSelect={() => copyRequest(v3Request, 'curl', 'v3 curl request')}
                  disabled={v3Problem !== null}
                  describedBy={v3Problem ? `${ids}-v3-problem` : undefined}
                >
                  Copy v3 curl request
                </Item>
                <Item
                  icon={<Code aria-hidden className="size-4" />}
                  onSelect={() => copyRequest(v3Request, 'python', 'v3 Python request')}
                  disabled={v3Problem !== null}
                  describedBy={v3Problem ? `${ids}-v3-problem` : undefined}
                >
                  Copy v3 Python request
                </Item>
                {v3Problem && (
                  <p id={`${ids}-v3-problem`} className={noteClasses}>
                    {v3Problem}
                  </p>
                )}
              </DropdownMenu.Group>
            </>
          )}
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
