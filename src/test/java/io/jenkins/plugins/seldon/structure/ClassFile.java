package io.jenkins.plugins.seldon.structure;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The little of a class file the structural checks read: which methods a method invokes and which strings it loads.
 * Enough of the format to walk the instructions exactly, so an operand byte is never mistaken for an opcode.
 */
final class ClassFile {

    record MethodRef(String owner, String name, String descriptor) {}

    record Method(String name, String descriptor, byte[] code) {}

    private final Object[] pool;
    private final String name;
    private final String superName;
    private final List<Method> methods = new ArrayList<>();
    private final Set<String> referencedTypes = new LinkedHashSet<>();

    ClassFile(byte[] bytes) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file");
        }
        in.readUnsignedShort();
        in.readUnsignedShort();
        pool = new Object[in.readUnsignedShort()];
        for (int i = 1; i < pool.length; i++) {
            int tag = in.readUnsignedByte();
            pool[i] = switch (tag) {
                case 1 -> in.readUTF();
                case 3, 4 -> in.readInt();
                case 5, 6 -> {
                    in.readLong();
                    i++; // 8-byte constants take two slots
                    yield null;
                }
                case 7, 8, 16, 19, 20 -> new int[] {tag, in.readUnsignedShort()};
                case 9, 10, 11, 12, 17, 18 -> new int[] {tag, in.readUnsignedShort(), in.readUnsignedShort()};
                case 15 -> new int[] {tag, in.readUnsignedByte(), in.readUnsignedShort()};
                default -> throw new IOException("unknown constant pool tag " + tag);
            };
        }
        in.readUnsignedShort(); // access flags
        name = className(in.readUnsignedShort());
        int superClass = in.readUnsignedShort();
        superName = superClass == 0 ? null : className(superClass);
        in.skipBytes(2 * in.readUnsignedShort()); // interfaces
        readMembers(in, false);
        readMembers(in, true);
        for (Object entry : pool) {
            if (entry instanceof int[] e && e[0] == 7) {
                referencedTypes.add(utf8(e[1]));
            } else if (entry instanceof int[] e && e[0] == 12) {
                referencedTypes.add(utf8(e[2]));
            }
        }
    }

    private void readMembers(DataInputStream in, boolean areMethods) throws IOException {
        int count = in.readUnsignedShort();
        for (int m = 0; m < count; m++) {
            in.readUnsignedShort();
            String memberName = utf8(in.readUnsignedShort());
            String descriptor = utf8(in.readUnsignedShort());
            referencedTypes.add(descriptor);
            byte[] code = null;
            int attributes = in.readUnsignedShort();
            for (int a = 0; a < attributes; a++) {
                String attribute = utf8(in.readUnsignedShort());
                byte[] body = new byte[in.readInt()];
                in.readFully(body);
                if (attribute.equals("Code")) {
                    DataInputStream codeIn = new DataInputStream(new ByteArrayInputStream(body));
                    codeIn.skipBytes(4); // max stack, max locals
                    code = new byte[codeIn.readInt()];
                    codeIn.readFully(code);
                }
            }
            if (areMethods) {
                methods.add(new Method(memberName, descriptor, code == null ? new byte[0] : code));
            }
        }
    }

    /** Internal name, e.g. {@code io/jenkins/plugins/seldon/Foo}. */
    String name() {
        return name;
    }

    /** Internal name of the superclass; null for java/lang/Object. */
    String superName() {
        return superName;
    }

    List<Method> methods() {
        return methods;
    }

    /** Internal names of referenced classes and the descriptors of every field, method and member reference. */
    Set<String> referencedTypes() {
        return referencedTypes;
    }

    List<MethodRef> invokedMethods(Method method) {
        List<MethodRef> calls = new ArrayList<>();
        walk(method.code(), (opcode, operandAt) -> {
            if (opcode >= 0xb6 && opcode <= 0xb9) { // invokevirtual, invokespecial, invokestatic, invokeinterface
                int[] ref = (int[]) pool[u2(method.code(), operandAt)];
                int[] nameAndType = (int[]) pool[ref[2]];
                calls.add(new MethodRef(className(ref[1]), utf8(nameAndType[1]), utf8(nameAndType[2])));
            }
        });
        return calls;
    }

    List<String> loadedStrings(Method method) {
        List<String> strings = new ArrayList<>();
        walk(method.code(), (opcode, operandAt) -> {
            if (opcode == 0x12 || opcode == 0x13) { // ldc, ldc_w
                int index = opcode == 0x12 ? method.code()[operandAt] & 0xff : u2(method.code(), operandAt);
                if (pool[index] instanceof int[] c && c[0] == 8) {
                    strings.add(utf8(c[1]));
                }
            }
        });
        return strings;
    }

    private interface InstructionVisitor {
        void visit(int opcode, int operandAt);
    }

    private static void walk(byte[] code, InstructionVisitor visitor) {
        int pc = 0;
        while (pc < code.length) {
            int opcode = code[pc] & 0xff;
            visitor.visit(opcode, pc + 1);
            pc += length(code, pc, opcode);
        }
    }

    /** Length in bytes of the instruction at {@code pc}, operands included (JVMS chapter 6). */
    private static int length(byte[] code, int pc, int opcode) {
        if (opcode == 0xaa || opcode == 0xab) { // tableswitch, lookupswitch: aligned operands
            int at = pc + 1 + (3 - pc % 4);
            if (opcode == 0xaa) {
                int low = s4(code, at + 4);
                int high = s4(code, at + 8);
                return at + 12 + 4 * (high - low + 1) - pc;
            }
            return at + 8 + 8 * s4(code, at + 4) - pc;
        }
        if (opcode == 0xc4) { // wide
            return (code[pc + 1] & 0xff) == 0x84 ? 6 : 4;
        }
        if (opcode == 0x10 || opcode == 0x12 || (opcode >= 0x15 && opcode <= 0x19)
                || (opcode >= 0x36 && opcode <= 0x3a) || opcode == 0xa9 || opcode == 0xbc) {
            return 2;
        }
        if (opcode == 0x11 || opcode == 0x13 || opcode == 0x14 || opcode == 0x84 || (opcode >= 0x99 && opcode <= 0xa8)
                || (opcode >= 0xb2 && opcode <= 0xb8) || opcode == 0xbb || opcode == 0xbd || opcode == 0xc0
                || opcode == 0xc1 || opcode == 0xc6 || opcode == 0xc7) {
            return 3;
        }
        if (opcode == 0xc5) {
            return 4;
        }
        if (opcode == 0xb9 || opcode == 0xba || opcode == 0xc8 || opcode == 0xc9) {
            return 5;
        }
        return 1;
    }

    private String utf8(int index) {
        return (String) pool[index];
    }

    private String className(int index) {
        return utf8(((int[]) pool[index])[1]);
    }

    private static int u2(byte[] b, int at) {
        return (b[at] & 0xff) << 8 | (b[at + 1] & 0xff);
    }

    private static int s4(byte[] b, int at) {
        return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | (b[at + 3] & 0xff);
    }
}
