import { toast } from 'sonner';

/** Copies text and says so; a browser that refuses clipboard access gets a clear message. */
export async function copyText(text: string, what = 'Value'): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    toast.success(`${what} copied`, { duration: 1500 });
    return true;
  } catch {
    toast.error('Could not copy: the browser did not allow access to the clipboard.');
    return false;
  }
}
