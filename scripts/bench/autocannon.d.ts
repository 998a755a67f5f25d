// The part of autocannon 9's API that bench/http.ts uses (the package ships no types).
declare module "autocannon" {
  type Options = { url: string; headers?: Record<string, string>; connections?: number; duration?: number };
  type Result = {
    requests: { average: number; total: number };
    latency: { max: number; p50: number; p97_5: number; p99: number };
    non2xx: number;
    errors: number;
    timeouts: number;
  };
  type Instance = Promise<Result> & {
    on(event: "response", listener: (client: unknown, statusCode: number, bytes: number, responseTime: number) => void): void;
  };
  function autocannon(options: Options): Instance;
  export default autocannon;
}
