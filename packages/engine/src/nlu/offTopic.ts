import type { Lang } from '../bot/types.ts';
import { seededRandom, shuffle } from './random.ts';

/**
 * Generic off-topic messages, generated from templates, that teach the explicit out-of-scope class what
 * "not ours" looks like even when a workspace labelled no such examples. Training drops the ones that
 * resemble the workspace's own examples (a weather bot's "will it rain" is in scope).
 */
const TEMPLATES: Record<Lang, { frames: string[]; slots: Record<string, string[]> }> = {
  en: {
    frames: [
      'what is the capital of {place}',
      'who won the {sport} game last night',
      'tell me something about {topic}',
      'what do you think about {topic}',
      'can you write a poem about {topic}',
      'what is your favorite {thing}',
      'do you like {thing}',
      'how do you cook {dish}',
      'how many legs does a {animal} have',
      'what does a {animal} eat',
      'who is the most famous {job} in {place}',
      'sing me a song about {topic}',
      'is {topic} better than {topic2}',
      'why is the sky blue',
      'are you a robot or a human',
      'how old are you',
      'what should i name my {animal}',
      'recommend a {media} about {topic}',
      'explain {science} to me like i am five',
      'i am bored, entertain me',
      'what happened in {place} in the year {year}',
      'how far is the moon',
      'what is the best way to learn {skill}',
      'who invented {invention}',
      'lol ok whatever',
      'blah blah test test',
    ],
    slots: {
      place: ['france', 'peru', 'mongolia', 'canada', 'egypt', 'norway', 'kenya', 'chile'],
      sport: ['football', 'basketball', 'cricket', 'tennis', 'hockey'],
      topic: [
        'dinosaurs',
        'the ocean',
        'love',
        'space travel',
        'volcanoes',
        'ancient rome',
        'friendship',
        'autumn',
      ],
      topic2: ['cats', 'summer', 'pizza', 'jazz', 'mountains'],
      thing: ['color', 'movie', 'song', 'book', 'season', 'ice cream flavor'],
      dish: ['lasagna', 'dumplings', 'pancakes', 'curry', 'sushi'],
      animal: ['spider', 'giraffe', 'penguin', 'hamster', 'octopus'],
      job: ['painter', 'singer', 'poet', 'chef', 'footballer'],
      media: ['movie', 'podcast', 'novel', 'documentary'],
      science: ['quantum physics', 'photosynthesis', 'black holes', 'gravity'],
      year: ['1066', '1492', '1815', '1969'],
      skill: ['guitar', 'chess', 'painting', 'swimming', 'juggling'],
      invention: ['the telephone', 'paper', 'the bicycle', 'the light bulb'],
    },
  },
  zh: {
    frames: [
      '{place}的首都是哪里',
      '昨晚的{sport}比赛谁赢了',
      '给我讲讲{topic}',
      '你觉得{topic}怎么样',
      '写一首关于{topic}的诗',
      '你最喜欢什么{thing}',
      '你喜欢{thing}吗',
      '{dish}怎么做好吃',
      '{animal}有几条腿',
      '{animal}平时吃什么',
      '唱一首关于{topic}的歌',
      '{topic}和{topic2}哪个好',
      '天空为什么是蓝色的',
      '你是机器人吗',
      '你今年多大了',
      '给我的{animal}起个名字',
      '推荐一部关于{topic}的{media}',
      '用简单的话解释一下{science}',
      '好无聊啊陪我聊聊天',
      '{year}年{place}发生了什么',
      '月亮离地球有多远',
      '怎么才能学好{skill}',
      '{invention}是谁发明的',
      '哈哈哈随便说说',
      '测试测试啦啦啦',
    ],
    slots: {
      place: ['法国', '秘鲁', '蒙古', '加拿大', '埃及', '挪威', '肯尼亚', '智利'],
      sport: ['足球', '篮球', '网球', '乒乓球', '排球'],
      topic: ['恐龙', '大海', '爱情', '太空旅行', '火山', '古罗马', '友谊', '秋天'],
      topic2: ['猫', '夏天', '火锅', '爵士乐', '高山'],
      thing: ['颜色', '电影', '歌', '书', '季节', '冰淇淋口味'],
      dish: ['红烧肉', '饺子', '煎饼', '咖喱', '寿司'],
      animal: ['蜘蛛', '长颈鹿', '企鹅', '仓鼠', '章鱼'],
      media: ['电影', '纪录片', '小说', '播客'],
      science: ['量子力学', '光合作用', '黑洞', '万有引力'],
      year: ['1066', '1492', '1815', '1969'],
      skill: ['吉他', '围棋', '画画', '游泳', '书法'],
      invention: ['电话', '造纸术', '自行车', '电灯'],
    },
  },
};

function fill(frame: string, slots: Record<string, string[]>, random: () => number): string {
  return frame.replace(/\{(\w+)\}/g, (_, name: string) => {
    const options = slots[name] ?? [name];
    return options[Math.floor(random() * options.length)] ?? name;
  });
}

/** `count` distinct generated off-topic messages in a language, the same for the same seed. */
export function generateOffTopic(lang: Lang, count: number, seed = 7): string[] {
  const { frames, slots } = TEMPLATES[lang];
  const random = seededRandom(seed);
  const out = new Set<string>();
  for (let round = 0; round < count * 4 && out.size < count; round++) {
    const order = shuffle([...frames], random);
    for (const frame of order) {
      if (out.size >= count) break;
      out.add(fill(frame, slots, random));
    }
  }
  return [...out];
}
