import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { signOut } from '../../lib/sign-in-state';

export function useSignOut() {
  const queryClient = useQueryClient();
  return useCallback(() => {
    signOut('signed-out');
    queryClient.clear();
  }, [queryClient]);
}
