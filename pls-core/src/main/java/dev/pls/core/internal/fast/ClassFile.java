package dev.pls.core.internal.fast;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/*
 * The smallest class-file writer RowLoopGenerator needs, so that pls-core stays free of bytecode
 * libraries: a constant pool, and methods whose code is appended instruction by instruction with
 * forward and backward jumps to labels.
 *
 * Class files are written as version 49 (Java 5): the JVM verifies them by type inference, so no
 * StackMapTable frames are needed, and the generator does not have to compute them. Jumps use
 * 16-bit offsets, which bounds a method to 32 KB; the generator keeps methods far smaller (the
 * JIT compiles no method larger than 8,000 bytes), and a method that grows beyond the bound is
 * refused, not corrupted.
 */
/** Writes a class file of version 49 with methods built from {@link Code}. */
final class ClassFile {
  static final int VERSION = 49;

  // Opcodes used by the generator.
  static final int ICONST_0 = 0x03;
  static final int LCONST_0 = 0x09;
  static final int LCONST_1 = 0x0a;
  static final int BIPUSH = 0x10;
  static final int SIPUSH = 0x11;
  static final int LDC_W = 0x13;
  static final int LDC2_W = 0x14;
  static final int ILOAD = 0x15;
  static final int LLOAD = 0x16;
  static final int ALOAD = 0x19;
  static final int LALOAD = 0x2f;
  static final int AALOAD = 0x32;
  static final int BALOAD = 0x33;
  static final int ISTORE = 0x36;
  static final int LSTORE = 0x37;
  static final int ASTORE = 0x3a;
  static final int IASTORE = 0x4f;
  static final int LASTORE = 0x50;
  static final int IADD = 0x60;
  static final int LADD = 0x61;
  static final int LSUB = 0x65;
  static final int IMUL = 0x68;
  static final int IUSHR = 0x7c;
  static final int LUSHR = 0x7d;
  static final int IAND = 0x7e;
  static final int LOR = 0x81;
  static final int IINC = 0x84;
  static final int L2I = 0x88;
  static final int LCMP = 0x94;
  static final int IFEQ = 0x99;
  static final int IFNE = 0x9a;
  static final int IFLT = 0x9b;
  static final int IFGE = 0x9c;
  static final int IFGT = 0x9d;
  static final int IFLE = 0x9e;
  static final int IF_ICMPGE = 0xa2;
  static final int GOTO = 0xa7;
  static final int RETURN = 0xb1;
  static final int INVOKESPECIAL = 0xb7;
  static final int INVOKESTATIC = 0xb8;
  static final int CHECKCAST = 0xc0;
  static final int WIDE = 0xc4;

  private static final int ACC_PUBLIC = 0x0001;
  private static final int ACC_FINAL = 0x0010;
  private static final int ACC_SUPER = 0x0020;

  private final ByteArrayOutputStream pool = new ByteArrayOutputStream();
  private final Map<String, Integer> entries = new HashMap<>();
  private int poolCount = 1;
  private final String name;
  private final String superName;
  private final List<byte[]> methods = new ArrayList<>();

  /** A class {@code name} (internal form, a/b/C) extending {@code superName}. */
  ClassFile(String name, String superName) {
    this.name = name;
    this.superName = superName;
  }

  /** Adds a public method whose code is {@code code}. */
  void method(String methodName, String descriptor, Code code) {
    ByteArrayOutputStream m = new ByteArrayOutputStream();
    u2(m, ACC_PUBLIC);
    u2(m, utf8(methodName));
    u2(m, utf8(descriptor));
    u2(m, 1);
    byte[] bytes = code.bytes();
    u2(m, utf8("Code"));
    u4(m, 2 + 2 + 4 + bytes.length + 2 + 2);
    u2(m, code.maxStack);
    u2(m, code.maxLocals);
    u4(m, bytes.length);
    m.writeBytes(bytes);
    u2(m, 0); // no exception table
    u2(m, 0); // no attributes
    methods.add(m.toByteArray());
  }

  /** The class file. */
  byte[] bytes() {
    int thisClass = classRef(name);
    int superClass = classRef(superName);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    u4(out, 0xCAFEBABE);
    u2(out, 0);
    u2(out, VERSION);
    u2(out, poolCount);
    out.writeBytes(pool.toByteArray());
    u2(out, ACC_PUBLIC | ACC_FINAL | ACC_SUPER);
    u2(out, thisClass);
    u2(out, superClass);
    u2(out, 0); // interfaces
    u2(out, 0); // fields
    u2(out, methods.size());
    methods.forEach(out::writeBytes);
    u2(out, 0); // attributes
    return out.toByteArray();
  }

  int utf8(String s) {
    return entry("U" + s, 1, () -> writeUtf8(s));
  }

  int classRef(String internalName) {
    int n = utf8(internalName);
    return entry("C" + internalName, 1, () -> one(7, n));
  }

  int longConstant(long value) {
    return entry(
        "J" + value,
        2,
        () -> {
          pool.write(5);
          u4(pool, (int) (value >>> 32));
          u4(pool, (int) value);
        });
  }

  int intConstant(int value) {
    return entry(
        "I" + value,
        1,
        () -> {
          pool.write(3);
          u4(pool, value);
        });
  }

  int methodRef(String owner, String methodName, String descriptor) {
    int c = classRef(owner);
    int n = utf8(methodName);
    int d = utf8(descriptor);
    int nat = entry("N" + methodName + ":" + descriptor, 1, () -> two(12, n, d));
    return entry("M" + owner + "." + methodName + ":" + descriptor, 1, () -> two(10, c, nat));
  }

  private int entry(String key, int size, Runnable write) {
    Integer index = entries.get(key);
    if (index == null) {
      index = poolCount;
      write.run();
      poolCount += size;
      if (poolCount > 0xffff) {
        throw new IllegalStateException("constant pool overflow");
      }
      entries.put(key, index);
    }
    return index;
  }

  private void writeUtf8(String s) {
    // Modified UTF-8; the generator's names and descriptors are ASCII.
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == 0 || s.charAt(i) > 0x7f) {
        throw new AssertionError("non-ASCII name in generated class: " + s);
      }
    }
    pool.write(1);
    u2(pool, s.length());
    pool.writeBytes(s.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
  }

  private void one(int tag, int a) {
    pool.write(tag);
    u2(pool, a);
  }

  private void two(int tag, int a, int b) {
    pool.write(tag);
    u2(pool, a);
    u2(pool, b);
  }

  static void u2(ByteArrayOutputStream out, int v) {
    out.write(v >>> 8);
    out.write(v);
  }

  static void u4(ByteArrayOutputStream out, int v) {
    u2(out, v >>> 16);
    u2(out, v);
  }

  /** A jump target in a {@link Code}. */
  static final class Label {
    int at = -1;
    final List<Integer> jumps = new ArrayList<>();
  }

  /** A method's instructions, appended in order. */
  static final class Code {
    private final ClassFile owner;
    private final ByteArrayOutputStream code = new ByteArrayOutputStream();
    private final List<Label> labels = new ArrayList<>();
    int maxStack;
    int maxLocals;

    Code(ClassFile owner, int maxStack, int maxLocals) {
      this.owner = owner;
      this.maxStack = maxStack;
      this.maxLocals = maxLocals;
    }

    int size() {
      return code.size();
    }

    void op(int opcode) {
      code.write(opcode);
    }

    /** A load or store of a local, widened when the index needs it. */
    void local(int opcode, int index) {
      maxLocals = Math.max(maxLocals, index + (opcode == LLOAD || opcode == LSTORE ? 2 : 1));
      if (index > 0xff) {
        code.write(WIDE);
        code.write(opcode);
        u2(code, index);
      } else {
        code.write(opcode);
        code.write(index);
      }
    }

    void increment(int index, int by) {
      if (index > 0xff || by != (byte) by) {
        code.write(WIDE);
        code.write(IINC);
        u2(code, index);
        u2(code, by);
      } else {
        code.write(IINC);
        code.write(index);
        code.write(by);
      }
    }

    void pushInt(int v) {
      if (v >= -1 && v <= 5) {
        code.write(ICONST_0 + v);
      } else if (v == (byte) v) {
        code.write(BIPUSH);
        code.write(v);
      } else if (v == (short) v) {
        code.write(SIPUSH);
        u2(code, v);
      } else {
        code.write(LDC_W);
        u2(code, owner.intConstant(v));
      }
    }

    void pushLong(long v) {
      if (v == 0) {
        code.write(LCONST_0);
      } else if (v == 1) {
        code.write(LCONST_1);
      } else {
        code.write(LDC2_W);
        u2(code, owner.longConstant(v));
      }
    }

    void invokeStatic(String className, String methodName, String descriptor) {
      code.write(INVOKESTATIC);
      u2(code, owner.methodRef(className, methodName, descriptor));
    }

    void invokeSpecial(String className, String methodName, String descriptor) {
      code.write(INVOKESPECIAL);
      u2(code, owner.methodRef(className, methodName, descriptor));
    }

    void checkCast(String internalName) {
      code.write(CHECKCAST);
      u2(code, owner.classRef(internalName));
    }

    Label label() {
      Label l = new Label();
      labels.add(l);
      return l;
    }

    /** A conditional or unconditional jump to {@code target}. */
    void jump(int opcode, Label target) {
      target.jumps.add(code.size());
      code.write(opcode);
      u2(code, 0); // patched in bytes()
    }

    void place(Label l) {
      if (l.at >= 0) {
        throw new AssertionError("label placed twice");
      }
      l.at = code.size();
    }

    byte[] bytes() {
      byte[] b = code.toByteArray();
      if (b.length > 0x7fff) {
        throw new IllegalStateException("method too large for 16-bit jumps: " + b.length);
      }
      for (Label l : labels) {
        if (l.at < 0 && !l.jumps.isEmpty()) {
          throw new AssertionError("jump to a label never placed");
        }
        for (int from : l.jumps) {
          int offset = l.at - from;
          b[from + 1] = (byte) (offset >>> 8);
          b[from + 2] = (byte) offset;
        }
      }
      return b;
    }
  }
}
