"""The source article, lesson by lesson, in English and Simplified Chinese.

Text markup: {{key|words}} marks words that highlight part of the graph when hovered, and
$...$ a formula, typeset as MathML by the page (notation: static/js/model/math.js).
Keys: input, hidden, output, units, layers, weights, bias, unit:L:J, link:L:J:I.
"""


def _step(en: str, zh: str, action: str | None = None) -> dict:
    return {"text": {"en": en, "zh": zh}, "action": action}


LESSONS: list[dict] = [
    {
        "id": "blocks",
        "title": {"en": "1. Building blocks", "zh": "1. 基本构件"},
        "presets": ["xor"],
        "steps": [
            _step(
                "This is a neural network. Each circle is a {{units|unit}}: it holds one "
                "number. The {{input|input units}} on the left hold an example's values "
                "$x_1$ and $x_2$.",
                "这是一个神经网络。每个圆圈是一个{{units|单元}}：它保存一个数。左边的"
                "{{input|输入单元}}保存一个样本的取值 $x_1$ 和 $x_2$。",
            ),
            _step(
                "Units are grouped in {{layers|layers}}: the input layer, a "
                "{{hidden|hidden layer}} and the {{output|output layer}}. A unit first adds "
                "up its weighted inputs into `in` ($z$), then applies an activation function "
                "to get `out` ($a$).",
                "单元按{{layers|层}}排列：输入层、一个{{hidden|隐藏层}}和"
                "{{output|输出层}}。一个单元先把加权后的输入相加得到 in（$z$），再经过激活"
                "函数得到 out（$a$）。",
            ),
            _step(
                "Each line is a {{weights|weight}} $w$: the strength of the connection "
                "between two units of neighbouring layers. Its colour shows the sign, its "
                "thickness the size. The {{bias|bias units}}, drawn as 1, always hold 1; "
                "their weights are the biases.",
                "每条连线是一个{{weights|权重}} $w$：相邻两层中两个单元之间连接的强度。"
                "颜色表示正负，粗细表示大小。画成 1 的{{bias|偏置单元}}的值永远是 1，"
                "它们的权重就是偏置。",
            ),
            _step(
                "The whole network is one nested function of its inputs, with the weights "
                "as its coefficients: $y = g(W_2 g(W_1 x + b_1) + b_2)$. Hover a unit or a weight "
                "to see its numbers, then press Step to train once.",
                "整个网络就是输入的一个嵌套函数，权重是它的系数："
                "$y = g(W_2 g(W_1 x + b_1) + b_2)$。"
                "把鼠标移到单元或权重上查看它的数值，然后按“单步”训练一次。",
                "step",
            ),
        ],
    },
    {
        "id": "one-step",
        "title": {"en": "2. One step by hand", "zh": "2. 手算一步"},
        "presets": ["article"],
        "steps": [
            _step(
                "The article's example: three units in a chain, {{input|$x$}} → "
                "{{hidden|$h$}} → {{output|$y$}}, no bias, sigmoid on $h$ and $y$. The weights "
                "{{link:0:0:0|$w_1$}} and {{link:1:0:0|$w_2$}} start at −0.2 and 5.0; you can "
                "edit them in the weight inspector. The example is $x = 10$ with target $d = 1$.",
                "文章中的例子：三个单元连成一串，{{input|$x$}} → {{hidden|$h$}} → "
                "{{output|$y$}}，没有偏置，$h$ 和 $y$ 都用 sigmoid。权重{{link:0:0:0|$w_1$}}和"
                "{{link:1:0:0|$w_2$}}的初值是 −0.2 和 5.0，可以在权重检查器中修改。"
                "训练样本是 $x = 10$，目标 $d = 1$。",
            ),
            _step(
                "Forward pass: $h = g(w_1 x) = g(-2) = 0.1192$ and $y = g(w_2 h) = 0.6447$. "
                "The error is the cross-entropy $E = -d ln(y) = 0.4389$.",
                "前向传播：$h = g(w_1 x) = g(-2) = 0.1192$，$y = g(w_2 h) = 0.6447$。"
                "误差是交叉熵 $E = -d ln(y) = 0.4389$。",
            ),
            _step(
                "Backward pass, by the chain rule: $∂E/∂w_2 = (-d/y) · y(1-y) · h = -0.0423$ "
                "and $∂E/∂w_1 = (-d/y) · y(1-y) · w_2 · h(1-h) · x$ $= -1.8650$. Press Step, then "
                "click {{link:0:0:0|$w_1$}} to see every factor as a number.",
                "反向传播，用链式法则：$∂E/∂w_2 = (-d/y) · y(1-y) · h = -0.0423$，"
                "$∂E/∂w_1 = (-d/y) · y(1-y) · w_2 · h(1-h) · x$ $= -1.8650$。按“单步”，"
                "再点击{{link:0:0:0|$w_1$}}，查看每个因子的数值。",
                "step",
            ),
            _step(
                "The update with $alpha = 0.5$, $w <- w - alpha ∂E/∂w$, gives $w_1 = 0.7325$ and "
                "$w_2 = 5.0212$. Run forward again: $y = 0.9934$, very close to $d = 1$. Further "
                "steps continue from there, ever more slowly as $y$ nears 1.",
                "学习率 $alpha = 0.5$ 时，更新 $w <- w - alpha ∂E/∂w$ 得到 $w_1 = 0.7325$、"
                "$w_2 = 5.0212$。再做一次前向传播：$y = 0.9934$，已经非常接近 $d = 1$。"
                "之后的每一步都从这里继续，$y$ 越接近 1，进步越慢。",
                "step",
            ),
        ],
    },
    {
        "id": "xor",
        "title": {"en": "3. XOR and the perceptron", "zh": "3. 异或与感知机"},
        "presets": ["perceptron-xor", "xor"],
        "switch": {"from": "perceptron-xor", "to": "perceptron-and"},
        "steps": [
            _step(
                "Left: a perceptron, its {{input|inputs}} wired straight to the "
                "{{output|output}}, no hidden layer. Right: one {{hidden|hidden layer}} of "
                "3 units. Both are trained on XOR (1 when exactly one input is 1); only "
                "one of them can learn it.",
                "左边是感知机：{{input|输入}}直接连到{{output|输出}}，没有隐藏层。右边有一个"
                "含 3 个单元的{{hidden|隐藏层}}。两者都在异或上训练（恰好一个输入为 1 时输出 1），"
                "但只有一个能学会。",
            ),
            _step(
                "Press Play. The perceptron's decision boundary is a straight line (drawn "
                "where $y$ crosses 0.5): no line splits XOR, so at best 3 of the 4 cases could "
                "be right. Gradient descent does not even find such a line: the four points "
                "are symmetric, so the least error a line can reach is to give up. The "
                "weights shrink to 0, every output becomes 0.5 and $E = ln 2 = 0.6931$. An "
                "output of 0.5 is neither right nor wrong: the page counts it undecided.",
                "按“播放”。感知机的决策边界是一条直线（画在 $y$ 越过 0.5 的地方）：没有一条直线"
                "能把异或分开，所以最多只能答对 4 种情况中的 3 种。梯度下降甚至找不到这样的"
                "直线：四个点是对称的，直线能达到的最小误差就是放弃。权重缩小到 0，每个输出"
                "都变成 0.5，$E = ln 2 = 0.6931$。输出 0.5 既不算对也不算错：页面把它算作未定。",
                "play",
            ),
            _step(
                "The hidden layer bends the boundary: the network on the right reaches "
                "4 of 4, within a few hundred steps for most starting weights. The other "
                "way out is features: a perceptron given $x_1$, $x_2$ and $x_1 x_2$ as its inputs "
                "(Input features, under Data) learns XOR too, since XOR is "
                "$x_1 + x_2 - 2 x_1 x_2$, a weighted sum of those three.",
                "隐藏层让边界可以弯曲：右边的网络能答对全部 4 种情况，对大多数初始权重只需几百步。"
                "另一条出路是特征：给感知机 $x_1$、$x_2$ 和 $x_1 x_2$ 三个输入"
                "（“数据”下的“输入特征”），"
                "它也能学会异或，因为异或等于 $x_1 + x_2 - 2 x_1 x_2$，即这三个特征的加权和。",
            ),
            _step(
                "Switch the perceptron's task to AND. AND is linearly separable (one line "
                "splits (1, 1) from the rest), so the perceptron learns it. Most Boolean "
                "functions are not separable; that is why networks have hidden layers.",
                "把感知机的任务切换为“与”。“与”是线性可分的（一条直线就能把 (1, 1) 和其余"
                "情况分开），所以感知机能学会。大多数布尔函数都不是线性可分的，这正是网络"
                "需要隐藏层的原因。",
                "switch",
            ),
        ],
    },
    {
        "id": "softmax",
        "title": {"en": "4. Softmax and cross-entropy", "zh": "4. Softmax 与交叉熵"},
        "presets": ["softmax"],
        "steps": [
            _step(
                "Three classes of 2-D points and a softmax {{output|output layer}}: the "
                "outputs $p$ are positive and add up to 1, a probability for each class.",
                "三类二维点，输出层用 softmax：{{output|输出}} $p$ 都是正数且和为 1，"
                "即每个类别的概率。",
            ),
            _step(
                "The target $d$ is one-hot: 1 for the true class, 0 for the others. The "
                "error $E = -sum_i d_i ln(p_i)$ keeps only the true class's term: "
                "$E = -ln(p_true)$.",
                "目标 $d$ 是独热向量：正确类别为 1，其余为 0。误差 $E = -sum_i d_i ln(p_i)$ "
                "只保留正确类别那一项：$E = -ln(p_true)$。",
            ),
            _step(
                "Move the slider for $p_true$: at 0.9, $E = 0.105$; at 0.5, $E = 0.693$; at "
                "0.01, $E = 4.605$. Because of the log, a prediction far from 1 is punished "
                "much more than one close to 1.",
                "拖动 $p_true$ 的滑块：0.9 时 $E = 0.105$；0.5 时 $E = 0.693$；0.01 时 "
                "$E = 4.605$。由于取了对数，远离 1 的预测比接近 1 的预测受到重得多的惩罚。",
            ),
            _step(
                "Together, softmax and cross-entropy give the output delta "
                "$∂E/∂z_j = p_j - d_j$. Press Step and click an {{output|output}} weight "
                "to see it.",
                "softmax 与交叉熵合在一起，输出层的误差项是 $∂E/∂z_j = p_j - d_j$。"
                "按“单步”并点击一个连到{{output|输出}}的权重查看它。",
                "step",
            ),
        ],
    },
    {
        "id": "activations",
        "title": {"en": "5. Activation functions", "zh": "5. 激活函数"},
        "presets": [],
        "steps": [
            _step(
                "sigmoid $g(z) = 1/(1 + e^-z)$ squashes any number into (0, 1). Its "
                "derivative is $g'(z) = g(z) (1 - g(z))$, at most 0.25, at $z = 0$.",
                "sigmoid（S 型函数）$g(z) = 1/(1 + e^-z)$ 把任何数压缩到 (0, 1)。它的导数是 "
                "$g'(z) = g(z) (1 - g(z))$，最大值 0.25，在 $z = 0$ 处取得。",
            ),
            _step(
                "tanh is a sigmoid stretched to (−1, 1), with $g'(z) = 1 - tanh^2(z)$. "
                "ReLU, $g(z) = max(0, z)$, has derivative 1 for $z > 0$ and 0 below; linear "
                "passes $z$ on unchanged.",
                "tanh 是拉伸到 (−1, 1) 的 sigmoid，$g'(z) = 1 - tanh^2(z)$。ReLU "
                "$g(z) = max(0, z)$ 在 $z > 0$ 时导数为 1，否则为 0；线性函数原样输出 $z$。",
            ),
            _step(
                "softmax turns a vector into probabilities: $s(z)_j = e^{z_j}/{sum_k e^{z_k}}$. "
                "Edit the vector and watch the probabilities, which always add up to 1.",
                "softmax 把一个向量变成概率：$s(z)_j = e^{z_j}/{sum_k e^{z_k}}$。修改向量，"
                "观察概率的变化，它们的和始终为 1。",
            ),
        ],
    },
    {
        "id": "gradient-descent",
        "title": {"en": "6. Gradient descent", "zh": "6. 梯度下降"},
        "presets": ["gd-good"],
        "forks": [{"learning_rate": 0.05}, {"learning_rate": 1.0}, {"learning_rate": 10.0}],
        "steps": [
            _step(
                "Learning repeats one rule for every weight: $w <- w - alpha ∂E/∂w$. The "
                "gradient points uphill, so each step goes against it, by the portion "
                "$alpha$, the learning rate.",
                "学习就是对每个权重反复使用同一条规则：$w <- w - alpha ∂E/∂w$。梯度指向上坡"
                "方向，所以每一步都逆着它走，走的比例就是学习率 $alpha$。",
            ),
            _step(
                "Three forks of one network (the same starting weights, the same batches) "
                "train on XOR with $alpha = 0.05$, 1 and 10. Press Play and compare the loss "
                "curves, drawn on one scale, and how far each fork's weights move from the "
                "first's.",
                "同一个网络的三个分支（初始权重相同、小批量相同）在异或上训练，学习率分别是 "
                "0.05、1 和 10。按“播放”，比较画在同一刻度上的三条损失曲线，以及各分支的权重"
                "离第一个分支有多远。",
                "play",
            ),
            _step(
                "Too small: the loss creeps down. Good: it falls fast and steadily. Too "
                "large: each step overshoots the valley, and the loss jumps about instead "
                "of settling.",
                "太小：损失下降得很慢。合适：下降得又快又稳。太大：每一步都越过了谷底，"
                "损失上下跳动而无法稳定。",
            ),
        ],
    },
    {
        "id": "momentum-adam",
        "title": {"en": "7. Momentum and Adam", "zh": "7. 动量与 Adam"},
        "presets": ["gd-small"],
        "forks": [
            {},
            {"optimizer": {"name": "sgd", "momentum": 0.9}},
            {"optimizer": {"name": "adam"}},
        ],
        "steps": [
            _step(
                "Plain gradient descent steps by the gradient alone: $w <- w - alpha g$, with "
                "$g = ∂E/∂w$. Where the slope is gentle it creeps, however many steps agree.",
                "普通的梯度下降每一步只看梯度：$w <- w - alpha g$，其中 $g = ∂E/∂w$。坡度平缓时"
                "它走得很慢，哪怕每一步的方向都一致。",
            ),
            _step(
                "Momentum keeps a velocity $b$: $b <- mu b + g$, then $w <- w - alpha b$. Steps "
                "that agree add up; with $mu = 0.9$ a steady slope moves a weight up to ten "
                "times as far a step.",
                "动量保留一个速度 $b$：$b <- mu b + g$，然后 $w <- w - alpha b$。方向一致的步子"
                "会累加起来；当 $mu = 0.9$ 时，在稳定的坡上每一步最多能走十倍远。",
            ),
            _step(
                "Adam keeps the mean $m$ of the gradient and the mean $v$ of its square, "
                "$m <- beta1 m + (1 - beta1) g$ and $v <- beta2 v + (1 - beta2) g^2$, and steps "
                "by about $alpha m / sqrt(v)$ (both corrected for starting at 0): every weight "
                "moves about $alpha$ a step, whatever the size of its gradient.",
                "Adam 保留梯度的均值 $m$ 和梯度平方的均值 $v$："
                "$m <- beta1 m + (1 - beta1) g$，$v <- beta2 v + (1 - beta2) g^2$，每一步大约走 "
                "$alpha m / sqrt(v)$（两者都修正了从 0 开始的偏差）：无论梯度大小，每个权重每步"
                "大约移动 $alpha$。",
            ),
            _step(
                "Three forks of one XOR network, each with $alpha = 0.05$ and the same batches: "
                "plain SGD, momentum $mu = 0.9$ and Adam. Press Play and watch the three loss "
                "curves, on one scale.",
                "同一个异或网络的三个分支，学习率都是 $alpha = 0.05$，小批量相同：普通 SGD、"
                "动量 $mu = 0.9$ 和 Adam。按“播放”，观察同一刻度上的三条损失曲线。",
                "play",
            ),
            _step(
                "At step 100 the loss is 0.658 with plain SGD, 0.378 with momentum and 0.024 "
                "with Adam; plain SGD needs far more steps at this rate. The Compare button at "
                "the top forks your own network the same way.",
                "在第 100 步，普通 SGD 的损失是 0.658，动量是 0.378，Adam 是 0.024；在这个学习率"
                "下普通 SGD 需要多得多的步数。顶部的“对比”按钮可以用同样的方法分出你自己网络的"
                "分支。",
            ),
        ],
    },
]
