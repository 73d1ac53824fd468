/**
 * A stand-in for the OpenAPI Generator JAR, compiled at test time with javac:
 * it answers `help`, `completion` and `version` as the wrapper expects, and
 * `generate` writes its arguments, working folder and a source file into
 * --output (or fails when the additional properties say `fail=true`). It lets
 * the real process paths (java -jar, the wrapper's download) run offline.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

const SOURCE = `
import java.nio.charset.StandardCharsets;
import java.nio.file.*;

public class FakeGenerator {
  public static void main(String[] args) throws Exception {
    String command = args.length > 0 ? args[0] : "";
    if (command.equals("help")) {
      System.out.println("usage: openapi-generator-cli <command> [<args>]");
      System.out.println();
      System.out.println("The most commonly used openapi-generator-cli commands are:");
      System.out.println("    generate     Generate code with the specified generator.");
      System.out.println("    help         Display help information about openapi-generator");
      System.out.println("    version      Show version information used in tooling");
      return;
    }
    if (command.equals("completion")) { System.out.println("generate\\nhelp\\nversion"); return; }
    if (command.equals("version")) { System.out.println("0.0.0-fake"); return; }
    if (!command.equals("generate")) { System.err.println("unknown command " + command); System.exit(1); }
    String output = null;
    String properties = "";
    for (int i = 1; i + 1 < args.length; i++) {
      if (args[i].equals("--output")) output = args[i + 1];
      if (args[i].equals("--additional-properties")) properties = args[i + 1];
    }
    if (properties.contains("fail=true")) {
      System.out.println("[main] INFO  o.o.codegen.DefaultGenerator - writing file " + output + "/models/error.ts");
      System.err.println("Exception in thread \\"main\\" java.lang.RuntimeException: fake generator failure");
      System.exit(3);
    }
    Path folder = Paths.get(output);
    Files.createDirectories(folder.resolve("src"));
    Files.write(folder.resolve("args.txt"), String.join("\\n", args).getBytes(StandardCharsets.UTF_8));
    Files.write(folder.resolve("cwd.txt"), System.getProperty("user.dir").getBytes(StandardCharsets.UTF_8));
    Files.write(folder.resolve("java-opts.txt"), System.getProperty("fake.opt", "").getBytes(StandardCharsets.UTF_8));
    Files.write(folder.resolve("src/index.ts"), "export const generated = true;\\n".getBytes(StandardCharsets.UTF_8));
  }
}
`;

/** Why the fake JAR cannot be built here, or undefined when javac and jar are available. */
export function fakeJarUnavailable(): string | undefined {
  for (const tool of ['javac', 'jar']) {
    const result = spawnSync(tool, ['--version'], { stdio: 'ignore' });
    if (result.error || result.status !== 0) return `${tool} is not installed (a JDK is needed to build the stand-in generator JAR)`;
  }
  return undefined;
}

/** Compile the stand-in generator into a JAR in a new temporary folder; returns its path. */
export async function buildFakeJar(): Promise<string> {
  const folder = await mkdtemp(path.join(os.tmpdir(), 'df-fake-generator-'));
  await writeFile(path.join(folder, 'FakeGenerator.java'), SOURCE);
  const javac = spawnSync('javac', ['-d', folder, path.join(folder, 'FakeGenerator.java')], { encoding: 'utf8' });
  if (javac.status !== 0) throw new Error(`javac failed: ${javac.stderr}`);
  const jar = path.join(folder, 'fake-generator.jar');
  const packed = spawnSync('jar', ['--create', '--file', jar, '--main-class', 'FakeGenerator', '-C', folder, 'FakeGenerator.class'], {
    encoding: 'utf8',
  });
  if (packed.status !== 0) throw new Error(`jar failed: ${packed.stderr}`);
  return jar;
}
